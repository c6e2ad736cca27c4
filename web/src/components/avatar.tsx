/** A person's initials on their own colour (components/avatar-colour.ts); the name beside it says who. */
import { avatarColour, initials } from "./avatar-colour";

export function Avatar({ id, name, size = "small" }: { id: string; name: string; size?: "small" | "large" }) {
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ backgroundColor: avatarColour(id) }}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
