export function Person() {
  return null;
}
