/** The people the generated mbox (test/fixtures/capture/make-mbox.ts) comes from, as vCards. */
export function peopleCards(people: number): string {
  return Array.from(
    { length: people },
    (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nEMAIL:person${i}@example.net\r\nEND:VCARD\r\n`,
  ).join("");
}
