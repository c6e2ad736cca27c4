export function DepartmentMap() {
  return null;
}
