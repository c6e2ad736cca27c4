import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { openPage, startServer, useBrowser } from "./support.js";

useBrowser();

describeEachDialect("two local servers in one browser", (dialect) => {
  it("signing in to the second does not sign the first out: each port keeps its own session cookie", async () => {
    const first = await startServer(dialect);
    const second = await startServer(dialect);
    expect(new URL(first.url).hostname).toBe(new URL(second.url).hostname);
    expect(first.url).not.toBe(second.url);

    // One browser profile (one cookie jar, which ignores ports) opens both sign-in links.
    const { page, problems } = await openPage();
    await page.goto(first.loginUrl as string);
    await page.waitForURL(`${first.url}/`);
    const other = await page.context().newPage();
    await other.goto(second.loginUrl as string);
    await other.waitForURL(`${second.url}/`);

    const names = (await page.context().cookies()).map((c) => c.name).sort();
    expect(names).toEqual(
      [`goodwill_session_${new URL(first.url).port}`, `goodwill_session_${new URL(second.url).port}`].sort(),
    );
    await page.reload();
    await page.getByRole("navigation", { name: "Screens" }).waitFor();
    expect(await page.evaluate(async () => (await fetch("/api/v1/people")).status)).toBe(200);
    expect(await other.evaluate(async () => (await fetch("/api/v1/people")).status)).toBe(200);
    expect(problems).toEqual([]);
  });
});
