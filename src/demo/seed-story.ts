/**
 * The story Goodwill comes from (shared/seed): Mark has called IT for three years and never given
 * anything back, so IT now gives him the minimum. Around him: accounting, marketing and admin
 * colleagues, Concetta who learned IT's quick fixes, Tim the blogger, and Tyler met through SMPS.
 * Everything is dated relative to "now", so the story is always current. No randomness: the same
 * clock gives the same store.
 */
import type { Channel, Direction, ExchangeKind, Initiator, Layer } from "../domain/model.js";

export interface StoryPerson {
  key: string;
  name: string;
  organization?: string;
  department?: string;
  title?: string;
  emails?: string[];
  tags?: string[];
  layer: Layer;
  closeness?: number;
  communal?: boolean;
  metText?: string;
  metDaysAgo?: number;
  metThrough?: string;
  /** birthday as days from now (the year is left out) */
  birthdayInDays?: number;
  addedDaysAgo: number;
  notes?: string[];
}

export interface StoryExchange {
  with: string; // a person key, or "dept:NAME"
  direction: Direction;
  kind: ExchangeKind;
  weight?: number;
  summary: string;
  daysAgo: number;
  channel: Channel;
  initiatedBy?: Initiator;
}

export interface StoryMoment {
  with: string[];
  summary: string;
  daysAgo: number;
  channel: Channel;
  initiatedBy: Initiator;
}

export const ME = {
  name: "Mark Rivera",
  organization: "Brightline Engineering",
  department: "Project Management",
};

export const COMPANY = ME.organization;

/** Departments of Mark's company where he knows nobody yet: the gaps on the map. */
export const EMPTY_DEPARTMENTS = ["Legal"];

export const PEOPLE: StoryPerson[] = [
  {
    key: "raj",
    name: "Raj Patel",
    organization: COMPANY,
    department: "IT",
    title: "IT support lead",
    emails: ["raj.patel@brightline.example"],
    layer: 50,
    closeness: 2,
    addedDaysAgo: 1090,
    notes: [
      "Runs the Thursday lunch-and-learn on security. Proud of the new ticket system nobody uses properly.",
    ],
  },
  {
    key: "dana",
    name: "Dana Whitfield",
    organization: COMPANY,
    department: "IT",
    title: "Systems administrator",
    emails: ["dana.whitfield@brightline.example"],
    layer: 50,
    closeness: 2,
    addedDaysAgo: 1080,
  },
  {
    key: "kevin",
    name: "Kevin O'Brien",
    organization: COMPANY,
    department: "IT",
    title: "Help desk technician",
    emails: ["kevin.obrien@brightline.example"],
    layer: 150,
    addedDaysAgo: 700,
  },
  {
    key: "linda",
    name: "Linda Okafor",
    organization: COMPANY,
    department: "Accounting",
    title: "Payroll and expenses",
    emails: ["linda.okafor@brightline.example"],
    layer: 150,
    addedDaysAgo: 1000,
  },
  {
    key: "sofia",
    name: "Sofía Marín",
    organization: COMPANY,
    department: "Marketing",
    title: "Proposal coordinator",
    emails: ["sofia.marin@brightline.example"],
    tags: ["proposals"],
    layer: 50,
    closeness: 3,
    addedDaysAgo: 900,
  },
  {
    key: "pat",
    name: "Pat Morgan",
    organization: COMPANY,
    department: "Administration",
    title: "Office administrator",
    layer: 150,
    addedDaysAgo: 1090,
  },
  {
    key: "concetta",
    name: "Concetta Russo",
    organization: COMPANY,
    department: "Operations",
    title: "Operations analyst",
    emails: ["concetta.russo@brightline.example"],
    tags: ["mentor"],
    layer: 15,
    closeness: 4,
    addedDaysAgo: 800,
    notes: [
      "Learned IT's quick fixes herself and researches their side of an issue before she calls. Gets better IT help than anyone.",
    ],
  },
  {
    key: "tim",
    name: "Tim Keller",
    organization: "Cofebuz",
    title: "Writes the Cofebuz blog on business relationships",
    emails: ["tim@cofebuz.example"],
    tags: ["blogger", "networking"],
    layer: 50,
    metText: "Read his blog post on networking inside your company",
    metDaysAgo: 420,
    addedDaysAgo: 420,
  },
  {
    key: "tyler",
    name: "Tyler Blik",
    organization: "Blik Design Group",
    title: "Principal",
    tags: ["SMPS"],
    layer: 150,
    metText: "SMPS chapter meeting",
    metDaysAgo: 240,
    metThrough: "tim",
    addedDaysAgo: 240,
  },
  {
    key: "nicholas",
    name: "Nicholas Grant",
    tags: ["blog reader"],
    layer: 500,
    metText: "Commented on Tim's blog",
    metDaysAgo: 400,
    addedDaysAgo: 400,
  },
  {
    key: "elena",
    name: "Elena Rivera",
    tags: ["family"],
    layer: 5,
    closeness: 5,
    communal: true,
    birthdayInDays: 3,
    addedDaysAgo: 1090,
  },
];

const QUICK_FIXES = [
  "Reset my password, again",
  "Fixed Outlook crashing on start",
  "Freed disk space on my old laptop",
  "Reinstalled the plotter driver",
  "Removed a toolbar I had installed from the internet",
  "Recovered a project folder I deleted",
  "Got the VPN working from home",
  "Quick fix for the laptop freezing in meetings",
  "Unlocked my account after too many tries",
  "Mapped the shared project drive again",
  "Cleaned up a virus from a download",
  "Set up the projector for my client meeting at the last minute",
];

const IT_STAFF = ["raj", "dana", "kevin", "dept:IT"];

/** Three years of calls to IT: a quick fix every four to five weeks, more often lately, nothing given. */
function itHistory(): StoryExchange[] {
  const entries: StoryExchange[] = [];
  let day = 1080;
  let i = 0;
  while (day > 12) {
    entries.push({
      with: IT_STAFF[i % IT_STAFF.length] as string,
      direction: "received",
      kind: "favor",
      weight: i % 5 === 4 ? 3 : 2,
      summary: QUICK_FIXES[i % QUICK_FIXES.length] as string,
      daysAgo: day,
      channel: i % 3 === 0 ? "in_person" : "call",
      initiatedBy: "me",
    });
    // The old computer fails more often as it ages: the gap shrinks from ~45 to ~21 days.
    day -= day > 365 ? 45 : 24;
    i++;
  }
  // Last week Kevin came by; nobody has thanked him yet.
  entries.push({
    with: "kevin",
    direction: "received",
    kind: "favor",
    summary: "Swapped the failing hard drive so I could finish the bid",
    daysAgo: 6,
    channel: "in_person",
    initiatedBy: "me",
  });
  return entries;
}

export const EXCHANGES: StoryExchange[] = [
  ...itHistory(),
  // Accounting: Linda fixes Mark's expense reports; he has started sending them complete.
  {
    with: "linda",
    direction: "received",
    kind: "favor",
    summary: "Fixed my late expense report before the cutoff",
    daysAgo: 300,
    channel: "email",
  },
  {
    with: "linda",
    direction: "gave",
    kind: "thanks",
    summary: "Thanked her in writing, copied her manager",
    daysAgo: 298,
    channel: "email",
  },
  {
    with: "linda",
    direction: "received",
    kind: "advice",
    summary: "Explained the per diem rules",
    daysAgo: 160,
    channel: "call",
  },
  {
    with: "linda",
    direction: "gave",
    kind: "time",
    summary: "Sent every receipt early and complete for the quarter close",
    daysAgo: 95,
    channel: "email",
  },
  {
    with: "dept:Accounting",
    direction: "received",
    kind: "favor",
    summary: "Rushed a vendor payment for my project",
    daysAgo: 70,
    channel: "email",
  },
  {
    with: "dept:Accounting",
    direction: "gave",
    kind: "thanks",
    summary: "Thanked the team for the rushed payment",
    daysAgo: 69,
    channel: "email",
  },
  {
    with: "linda",
    direction: "gave",
    kind: "gift",
    summary: "Brought pastries for the team at year-end close",
    daysAgo: 40,
    channel: "in_person",
  },
  // Marketing: Sofía needs project photos for proposals; Mark promised some.
  {
    with: "sofia",
    direction: "gave",
    kind: "support",
    summary: "Wrote the project description for her proposal",
    daysAgo: 210,
    channel: "email",
  },
  {
    with: "sofia",
    direction: "received",
    kind: "favor",
    summary: "Designed the cover for my client report",
    daysAgo: 120,
    channel: "meeting",
  },
  {
    with: "sofia",
    direction: "gave",
    kind: "referral",
    summary: "Told the client who made the report look so good",
    daysAgo: 118,
    channel: "email",
  },
  {
    with: "sofia",
    direction: "gave",
    kind: "thanks",
    summary: "Thank-you note for the report cover",
    daysAgo: 117,
    channel: "message",
  },
  // Administration: Pat books rooms and couriers.
  {
    with: "pat",
    direction: "received",
    kind: "favor",
    summary: "Found a room for the client workshop",
    daysAgo: 200,
    channel: "in_person",
  },
  {
    with: "pat",
    direction: "gave",
    kind: "thanks",
    summary: "Thanked Pat for the room",
    daysAgo: 199,
    channel: "message",
  },
  {
    with: "pat",
    direction: "received",
    kind: "favor",
    summary: "Couriered the signed contract the same day",
    daysAgo: 90,
    channel: "call",
  },
  {
    with: "pat",
    direction: "gave",
    kind: "thanks",
    summary: "Thanked Pat for the courier",
    daysAgo: 89,
    channel: "message",
  },
  // Concetta: colleagues who help each other.
  {
    with: "concetta",
    direction: "received",
    kind: "advice",
    summary: "Showed me the quick fix for the frozen plotter queue",
    daysAgo: 150,
    channel: "in_person",
  },
  {
    with: "concetta",
    direction: "gave",
    kind: "time",
    summary: "Reviewed her process map before the audit",
    daysAgo: 120,
    channel: "meeting",
  },
  {
    with: "concetta",
    direction: "gave",
    kind: "thanks",
    summary: "Thanked her for the plotter fix",
    daysAgo: 149,
    channel: "message",
  },
  {
    with: "concetta",
    direction: "received",
    kind: "support",
    summary: "Backed my schedule change in the ops meeting",
    daysAgo: 60,
    channel: "meeting",
  },
  {
    with: "concetta",
    direction: "gave",
    kind: "support",
    summary: "Backed her budget request in the ops meeting",
    daysAgo: 58,
    channel: "meeting",
  },
  {
    with: "concetta",
    direction: "gave",
    kind: "thanks",
    summary: "Thanked her for backing the schedule change",
    daysAgo: 59,
    channel: "message",
  },
  // Tim the blogger, and Tyler met through SMPS.
  {
    with: "tim",
    direction: "gave",
    kind: "support",
    weight: 1,
    summary: "Left a thoughtful comment on his post about IT relationships",
    daysAgo: 420,
    channel: "social",
  },
  {
    with: "tim",
    direction: "received",
    kind: "thanks",
    summary: "Thanked me for the comment and visited my website",
    daysAgo: 419,
    channel: "social",
  },
  {
    with: "tim",
    direction: "gave",
    kind: "referral",
    summary: "Shared his post with the SMPS chapter list",
    daysAgo: 250,
    channel: "email",
  },
  {
    with: "tyler",
    direction: "received",
    kind: "advice",
    summary: "Advice on approaching the county's facilities team",
    daysAgo: 230,
    channel: "in_person",
  },
];

export const MOMENTS: StoryMoment[] = [
  {
    with: ["concetta"],
    summary: "Lunch: how she gets IT to help her first",
    daysAgo: 26,
    channel: "in_person",
    initiatedBy: "them",
  },
  {
    with: ["sofia"],
    summary: "Proposal kickoff for the county library bid",
    daysAgo: 20,
    channel: "meeting",
    initiatedBy: "them",
  },
  {
    with: ["linda", "pat"],
    summary: "Office move planning",
    daysAgo: 35,
    channel: "meeting",
    initiatedBy: "them",
  },
  {
    with: ["tyler", "tim"],
    summary: "SMPS chapter meeting: met Tyler, who found Cofebuz through Tim",
    daysAgo: 240,
    channel: "event",
    initiatedBy: "unknown",
  },
  {
    with: ["tim"],
    summary: "Emailed about his next post",
    daysAgo: 150,
    channel: "email",
    initiatedBy: "me",
  },
  { with: ["elena"], summary: "Sunday dinner", daysAgo: 9, channel: "in_person", initiatedBy: "them" },
  {
    with: ["nicholas"],
    summary: "Replied to his comment on Tim's blog",
    daysAgo: 400,
    channel: "social",
    initiatedBy: "me",
  },
];

export const ASKS: { with: string; summary: string; daysAgo: number }[] = [
  { with: "dept:IT", summary: "A new laptop: the old one keeps crashing", daysAgo: 40 },
];

export const PROMISES: {
  with: string;
  summary: string;
  dueInDays: number;
  direction: "i_owe" | "they_owe";
}[] = [
  {
    with: "sofia",
    summary: "Send the site photos for the library proposal",
    dueInDays: -3,
    direction: "i_owe",
  },
  { with: "linda", summary: "Reimburse the SMPS conference fee", dueInDays: 5, direction: "they_owe" },
];

/** What people are working on, and what they can help with: the material for introductions. */
export const NEEDS: { with: string; text: string }[] = [
  { with: "tim", text: "Guest writers for a series on networking inside engineering firms" },
  { with: "linda", text: "Fewer expense reports sent back incomplete" },
];

export const OFFERS: { with: string; text: string }[] = [
  { with: "concetta", text: "Writes about learning IT's quick fixes; happy to be a guest on a series" },
  { with: "tyler", text: "Brochure and proposal graphics for engineering firms" },
];
