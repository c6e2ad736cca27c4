/**
 * The WHO a printed hint uses, checked to lead back to whom it means: the name when it does, else
 * the id (people of one name) — and a department always by `dept:`, since a bare "IT" is no person.
 */
import { GoodwillError } from "../errors.js";
import type { GoodwillService } from "../service/goodwill-service.js";
import { shellWord } from "./output.js";

export interface HintTarget {
  kind: "person" | "department";
  id: string;
  name: string;
}

export async function whoHint(service: GoodwillService, target: HintTarget): Promise<string> {
  if (target.kind === "person")
    return (await leadsTo(service, target.name, target.id)) ? shellWord(target.name) : target.id;
  const plain = `dept:${target.name}`;
  if (await leadsTo(service, plain, target.id)) return shellWord(plain);
  const department = (await service.listDepartments()).departments.find((d) => d.id === target.id);
  return shellWord(department ? `dept:${department.organization}/${target.name}` : plain);
}

async function leadsTo(service: GoodwillService, who: string, id: string): Promise<boolean> {
  try {
    return (await service.resolve(who)).id === id;
  } catch (error) {
    if (error instanceof GoodwillError) return false;
    throw error;
  }
}
