"use client";

import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { Socket } from "socket.io-client";
import type {
  AckResponse,
  ClientEventAck,
  ClientEventName,
  ClientEventPayload,
  ClientToServerEvents,
  ServerEventPayload,
  ServerToClientEvents,
} from "../../contract/live-events.ts";
import { ApiError, apiRequest, isErrorBody } from "../lib/api-client.ts";
import { liveSocketOptions } from "../lib/live-socket-options.ts";
import type { User } from "../../contract/accounts.ts";
import type { Wallet } from "../../contract/wallet.ts";

// Who is logged in and their balance, shared by the top bar and the pages. The balance is
// kept live by the Socket.IO event `wallet:updated`; pages that move money also push the
// balance they got back, so the top bar never waits for the socket.

export type Session =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "authenticated"; user: User; balanceMinor: number | null; currency: string | null };

/** Server events that pages may listen to; `reconnect` means events may have been missed. */
export type LiveEvents = { [E in (typeof forwardedEvents)[number]]: ServerEventPayload<E> } & { reconnect: Record<string, never> };

/**
 * Sends a client event of the catalog and resolves with what its ack carries, or rejects
 * with an ApiError: the event name, its payload and the answer are all the contract's.
 */
export type LiveRequest = <E extends ClientEventName>(event: E, payload: ClientEventPayload<E>) => Promise<ClientEventAck<E>>;

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One of the catalog's payloads, as Socket.IO expects the arguments of an event name it cannot narrow. */
type AnyPayloadTuple = { [E in ClientEventName]: [ClientEventPayload<E>] }[ClientEventName];

export type SubscribeToLiveEvent = <E extends keyof LiveEvents>(
  event: E,
  handler: (payload: LiveEvents[E]) => void,
) => () => void;

const forwardedEvents = [
  "order:updated",
  "order:message",
  "presence:changed",
  "call:ringing",
  "call:ended",
  "call:answered",
  "session:updated",
  "session:low-balance",
  "chat:typing",
  "queue:updated",
  "queue:turn",
  "call:retried",
  "recording:updated",
  "notification:new",
  "notification:read",
  "conversation:message",
  "conversation:read",
] as const;

const LIVE_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_HEARTBEAT_MS = 10_000;

type SessionContextValue = {
  session: Session;
  /** Increments on every wallet change pushed by the server, so views can reload movements. */
  walletVersion: number;
  refresh: () => Promise<void>;
  setUser: (user: User) => void;
  setBalance: (balanceMinor: number) => void;
  signOut: () => void;
  /** Listens to a live event on the one shared socket; returns the unsubscribe function. */
  subscribe: SubscribeToLiveEvent;
  /** Sends an event on the shared socket (waiting for it to connect) and returns the ack. */
  request: LiveRequest;
  /**
   * Follows a provider's live status (`presence:changed` events); returns the way to stop.
   * Counted per provider, so two components watching one provider do not unwatch each other.
   */
  watchProvider: (providerId: string) => () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

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
  const listeners = useRef(new Map<keyof LiveEvents, Set<(payload: never) => void>>());
  const socketRef = useRef<LiveSocket | null>(null);
  const socketWaiters = useRef(new Set<(socket: LiveSocket) => void>());

  const subscribe = useCallback<SubscribeToLiveEvent>((event, handler) => {
    let set = listeners.current.get(event);
    if (!set) {
      set = new Set();
      listeners.current.set(event, set);
    }
    const entry = handler as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }, []);

  const emit = useCallback(<E extends keyof LiveEvents>(event: E, payload: LiveEvents[E]) => {
    for (const handler of listeners.current.get(event) ?? []) (handler as (payload: LiveEvents[E]) => void)(payload);
  }, []);

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
      const socket: LiveSocket = io({ ...liveSocketOptions, transports: [...liveSocketOptions.transports] });
      socketRef.current = socket;
      socketWaiters.current.forEach((resolve) => resolve(socket));
      socketWaiters.current.clear();
      // Presence (SPEC 9): the user is on the site while a page of theirs beats.
      const beat = window.setInterval(() => {
        // The ack is not waited for: a missed beat is made up by the next one.
        if (socket.connected) socket.emit("heartbeat", {}, () => undefined);
      }, DEFAULT_HEARTBEAT_MS);
      socket.on("wallet:updated", (event) => {
        if (typeof event?.balanceMinor !== "number") return;
        setBalance(event.balanceMinor);
        setWalletVersion((version) => version + 1);
      });
      for (const name of forwardedEvents) {
        socket.on(name, (payload: LiveEvents[typeof name]) => {
          if (typeof payload === "object" && payload !== null) emit(name, payload);
        });
      }
      // After a reconnect, events sent while offline are lost: read the balance again.
      socket.io.on("reconnect", () => {
        void apiRequest<Wallet>("/wallet")
          .then((wallet) => {
            setBalance(wallet.balanceMinor);
            setWalletVersion((version) => version + 1);
          })
          .catch(() => undefined);
        emit("reconnect", {});
      });
      disconnect = () => {
        window.clearInterval(beat);
        socketRef.current = null;
        socket.disconnect();
      };
    });
    return () => {
      disposed = true;
      disconnect?.();
    };
  }, [userId, setBalance, emit]);

  const request = useCallback<LiveRequest>(async <E extends ClientEventName>(event: E, payload: ClientEventPayload<E>) => {
    const socket =
      socketRef.current ??
      (await new Promise<LiveSocket>((resolve, reject) => {
        socketWaiters.current.add(resolve);
        window.setTimeout(() => reject(new ApiError(0, "network_error", "The live connection is not ready.")), LIVE_REQUEST_TIMEOUT_MS);
      }));
    let answer: AckResponse<E>;
    try {
      // Socket.IO's typing cannot follow a generic event name through its ack decoration:
      // the name is widened here, and LiveRequest's signature is what callers are held to.
      const sent: Promise<AckResponse<ClientEventName>> = socket
        .timeout(LIVE_REQUEST_TIMEOUT_MS)
        .emitWithAck(event as ClientEventName, ...([payload] as AnyPayloadTuple));
      answer = (await sent) as AckResponse<E>;
    } catch {
      throw new ApiError(0, "network_error", "The server did not answer in time.");
    }
    if (isErrorBody(answer)) throw new ApiError(400, answer.error.code, answer.error.message ?? "", answer.error.details);
    return answer as ClientEventAck<E>;
  }, []);

  const watchCounts = useRef(new Map<string, number>());
  const watchProvider = useCallback(
    (providerId: string) => {
      const count = watchCounts.current.get(providerId) ?? 0;
      watchCounts.current.set(providerId, count + 1);
      if (count === 0) void request("presence:watch", { userIds: [providerId] }).catch(() => undefined);
      return () => {
        const left = (watchCounts.current.get(providerId) ?? 1) - 1;
        if (left > 0) return void watchCounts.current.set(providerId, left);
        watchCounts.current.delete(providerId);
        void request("presence:unwatch", { userIds: [providerId] }).catch(() => undefined);
      };
    },
    [request],
  );

  // A new connection has joined no rooms: watch again everything still watched.
  useEffect(
    () =>
      subscribe("reconnect", () => {
        const ids = [...watchCounts.current.keys()];
        for (let i = 0; i < ids.length; i += 100) void request("presence:watch", { userIds: ids.slice(i, i + 100) }).catch(() => undefined);
      }),
    [subscribe, request],
  );

  const value = useMemo(
    () => ({ session, walletVersion, refresh, setUser, setBalance, signOut, subscribe, request, watchProvider }),
    [session, walletVersion, refresh, setUser, setBalance, signOut, subscribe, request, watchProvider],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
