/** Signing in: email and password in team mode; in local mode, the link `goodwill serve` printed. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { auth } from "../api/client";
import { keys } from "../api/hooks";
import { FormError } from "../components/states";
import { useTitle } from "../components/title";

export function Login({ mode }: { mode: "local" | "team" }) {
  const id = useId();
  useTitle("Sign in");
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => auth.login(email.trim(), password),
    onSuccess: () => {
      setPassword("");
      void client.resetQueries();
      void client.invalidateQueries({ queryKey: keys.me });
    },
  });

  return (
    <main id="main" className="login">
      <h1>
        <img src="/favicon.svg" alt="" width="32" height="32" /> Goodwill
      </h1>
      {mode === "local" ? (
        <div className="card">
          <h2>Open the sign-in link</h2>
          <p>
            This Goodwill runs on your computer. When <code>goodwill serve</code> (or <code>npm start</code>)
            started, it printed a one-time link in the terminal: open that link to sign in.
          </p>
          <p className="muted">Used it already? Restart the server for a new one.</p>
        </div>
      ) : (
        <form
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            signIn.mutate();
          }}
        >
          <h2>Sign in</h2>
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <FormError error={signIn.error} />
          <div className="actions">
            <button type="submit" disabled={signIn.isPending}>
              {signIn.isPending ? "Signing in…" : "Sign in"}
            </button>
          </div>
          <p className="muted">
            No account? The server's administrator adds one with <code>goodwill user add</code>.
          </p>
        </form>
      )}
    </main>
  );
}
