export function Transfer() {
  return null;
}
