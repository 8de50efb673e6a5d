"use client";

import { createContext, use, useCallback, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { ApiError, apiRequest } from "../lib/api-client.ts";
import type { User, Wallet } from "../lib/api-types.ts";

// Who is logged in and their balance, shared by the top bar and the pages. The balance is
// kept live by the Socket.IO event `wallet:updated`; pages that move money also push the
// balance they got back, so the top bar never waits for the socket.

export type Session =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "authenticated"; user: User; balanceMinor: number | null; currency: string | null };

type SessionContextValue = {
  session: Session;
  /** Increments on every wallet change pushed by the server, so views can reload movements. */
  walletVersion: number;
  refresh: () => Promise<void>;
  setUser: (user: User) => void;
  setBalance: (balanceMinor: number) => void;
  signOut: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

type WalletUpdatedEvent = { balanceMinor: number };

async function loadSession(): Promise<Session> {
  try {
    const [{ user }, wallet] = await Promise.all([
      apiRequest<{ user: User }>("/me"),
      apiRequest<Wallet>("/wallet").catch(() => null),
    ]);
    return {
      status: "authenticated",
      user,
      balanceMinor: wallet?.balanceMinor ?? null,
      currency: wallet?.currency ?? null,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: "anonymous" };
    // The API being briefly unreachable must not look like a logout.
    console.error("Could not load the session", error);
    return { status: "anonymous" };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: "loading" });
  const [walletVersion, setWalletVersion] = useState(0);

  const refresh = useCallback(async () => {
    setSession(await loadSession());
  }, []);

  useEffect(() => {
    let cancelled = false;
    void loadSession().then((loaded) => {
      if (!cancelled) setSession(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const setUser = useCallback((user: User) => {
    setSession((current) =>
      current.status === "authenticated"
        ? { ...current, user }
        : { status: "authenticated", user, balanceMinor: null, currency: null },
    );
  }, []);

  const setBalance = useCallback((balanceMinor: number) => {
    setSession((current) => (current.status === "authenticated" ? { ...current, balanceMinor } : current));
  }, []);

  const signOut = useCallback(() => setSession({ status: "anonymous" }), []);

  const userId = session.status === "authenticated" ? session.user.id : null;

  useEffect(() => {
    if (!userId) return;
    let disposed = false;
    let disconnect: (() => void) | undefined;
    // Loaded on demand: visitors who are not logged in never download the socket client.
    void import("socket.io-client").then(({ io }) => {
      if (disposed) return;
      const socket = io({ withCredentials: true });
      socket.on("wallet:updated", (event: WalletUpdatedEvent) => {
        if (typeof event?.balanceMinor !== "number") return;
        setBalance(event.balanceMinor);
        setWalletVersion((version) => version + 1);
      });
      // After a reconnect, events sent while offline are lost: read the balance again.
      socket.io.on("reconnect", () => {
        void apiRequest<Wallet>("/wallet")
          .then((wallet) => {
            setBalance(wallet.balanceMinor);
            setWalletVersion((version) => version + 1);
          })
          .catch(() => undefined);
      });
      disconnect = () => socket.disconnect();
    });
    return () => {
      disposed = true;
      disconnect?.();
    };
  }, [userId, setBalance]);

  const value = useMemo(
    () => ({ session, walletVersion, refresh, setUser, setBalance, signOut }),
    [session, walletVersion, refresh, setUser, setBalance, signOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
