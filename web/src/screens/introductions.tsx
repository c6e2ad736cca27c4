export function Introductions() {
  return null;
}
