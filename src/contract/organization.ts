/** Organizations with their departments, and tags, as `org --json`, the API and the web read them. */

export interface OrganizationJson {
  id: string;
  name: string;
  /** my own organization (its people are my colleagues) */
  mine: boolean;
  /** people there, not archived, with a department or without */
  people: number;
  /** people there without a department given */
  withoutDepartment: number;
  departments: { id: string; name: string; people: number; mine: boolean }[];
}

export interface TagJson {
  name: string;
  people: number;
}
