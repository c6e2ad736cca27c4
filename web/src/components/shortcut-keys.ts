/** The app's keyboard shortcuts (L, Ctrl+K, /, Ctrl+Z) and when a key press is not one. */

/**
 * Whether a key press is not a shortcut: it goes into a field, or a dialog is open (a shortcut
 * would open another on top, or leave the screen and lose what the dialog holds).
 */
export function notAShortcut(event: KeyboardEvent): boolean {
  const element = event.target as HTMLElement | null;
  const typing =
    !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
  return typing || document.querySelector("dialog[open]") !== null;
}
