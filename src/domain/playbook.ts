/** The give-first playbook (DESIGN §3.5): concrete ways to help someone first, chosen by context. */
import type { Layer } from "./model.js";

export type GiveContext =
  | "it-colleague"
  | "colleague-other-dept"
  | "colleague-my-team"
  | "external"
  | "inner-circle";

const IT_LIKE =
  /\b(it|information technology|help ?desk|service ?desk|tech(nical)? support|infrastructure|devops|sys ?admins?)\b/i;

/** chosen from the person: inner circle (layer 5) first; colleague in an IT-like department (IT, information technology, helpdesk, service desk, tech support, infrastructure, devops, sysadmin — whole words, case-insensitive); colleague in my own department; colleague elsewhere; else external */
export function giveContextFor(p: {
  layer: Layer;
  isColleague: boolean;
  departmentName: string | null;
  sameDepartmentAsMe: boolean;
}): GiveContext {
  if (p.layer === 5) return "inner-circle";
  if (!p.isColleague) return "external";
  if (p.departmentName !== null && IT_LIKE.test(p.departmentName)) return "it-colleague";
  if (p.sameDepartmentAsMe) return "colleague-my-team";
  return "colleague-other-dept";
}

type Idea = (name: string) => string;

// Drawn from the seed story: Mark, who only ever called IT for quick fixes, and Concetta, who learnt them.
const IDEAS: Record<GiveContext, readonly Idea[]> = {
  "it-colleague": [
    (n) => `Tell ${n}'s manager, in a short note, how ${n} helped you last time.`,
    (n) => `Before you file your next ticket with ${n}, tidy up your files and clean out your server space.`,
    (n) =>
      `Learn the quick fix ${n} keeps doing for you, so the next small problem never reaches ${n}'s queue.`,
    (n) => `Go to ${n}'s next training session and try what it teaches.`,
    (n) => `Back ${n}'s team in the next meeting where IT's time or budget comes up.`,
    (n) => `Bring ${n} a coffee, or take ${n} to lunch, with no request attached.`,
    (n) => `Batch your non-urgent requests into one clear note for ${n} instead of calling about each.`,
    (n) => `Stop installing programs from the internet, so ${n} has one less mess to clean up.`,
    (n) => `Thank ${n} by name, in writing, right after the next fix.`,
  ],
  "colleague-other-dept": [
    (n) => `Send ${n} your next request early and complete, with everything needed in one message.`,
    (n) => `Mention ${n}'s help by name in your next team meeting.`,
    (n) => `Ask ${n} about their current project and offer an hour of your time.`,
    (n) => `Take ${n} to lunch and ask how things are going in their department.`,
    (n) => `Tell ${n}'s manager how ${n}'s work made your project easier.`,
    (n) => `Learn ${n}'s forms, deadlines and rules, so your requests arrive right the first time.`,
    (n) => `Invite ${n} to a meeting where their expertise is welcome, and give them the credit.`,
  ],
  "colleague-my-team": [
    (n) => `Offer to take one task off ${n}'s plate this week.`,
    (n) => `Credit ${n} by name in the next team meeting for something they did well.`,
    (n) => `Ask ${n} what is blocking them right now and help clear it.`,
    (n) => `Review ${n}'s work promptly and thoughtfully the next time they ask.`,
    (n) => `Share a shortcut or tool with ${n} that saves you time.`,
    (n) => `Bring ${n} a coffee on their busiest day.`,
    (n) => `Cover for ${n} so they can take a real break.`,
  ],
  external: [
    (n) =>
      `Share an article with ${n} on something they care about, with a line on why it made you think of them.`,
    (n) => `Recommend ${n} to someone who could use their help, and let ${n} know you did.`,
    (n) => `Leave a thoughtful comment on ${n}'s latest post or blog.`,
    (n) => `Introduce ${n} to someone in your network they would enjoy knowing.`,
    (n) => `Write ${n} a short public recommendation for their work.`,
    (n) => `Invite ${n} to the next association event you are going to.`,
    (n) => `Send ${n} a lead, an opening or an opportunity that fits them.`,
  ],
  "inner-circle": [
    (n) => `Call ${n} just to ask how they are, with nothing to ask for.`,
    (n) => `Cook ${n} a meal, or take them out for one.`,
    (n) => `Write ${n} a handwritten note about what they mean to you.`,
    (n) => `Offer ${n} a hand with something on their to-do list this weekend.`,
    (n) => `Plan an evening with ${n}, your treat.`,
    (n) => `Follow up with ${n} on something they told you about last time.`,
  ],
};

/** `count` distinct ideas for a context, starting at `rotation` (e.g. the number of gives so far to that person) so consecutive suggestions differ */
export function giveFirstIdeas(
  context: GiveContext,
  count: number,
  rotation: number,
  personName: string,
): string[] {
  const ideas = IDEAS[context];
  const name = firstName(personName);
  const start = ((Math.floor(rotation) % ideas.length) + ideas.length) % ideas.length;
  const n = Math.max(0, Math.min(Math.floor(count), ideas.length));
  const chosen: string[] = [];
  for (let i = 0; i < n; i++) {
    const idea = ideas[(start + i) % ideas.length];
    if (idea) chosen.push(idea(name));
  }
  return chosen;
}

/** The name to use in a friendly sentence: the first word of the display name. */
export function firstName(personName: string): string {
  return personName.trim().split(/\s+/)[0] || personName;
}
