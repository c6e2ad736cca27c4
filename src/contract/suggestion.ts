/**
 * A way to help someone first, as `suggest --json`, the week, the pre-ask check, the reminder note
 * and the web read it. The domain words it (src/domain/suggestions.ts); this is its public name.
 */
export type { Suggestion as SuggestionJson, SuggestionTarget } from "../domain/suggestions.js";
