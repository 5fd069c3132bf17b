import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, tokens, unwrap } from "../api/client";
import type { Me, Role } from "../api/types";
import { ANONYMOUS, type Principal } from "./permissions";

export interface Session {
  /** False until the first /me answer (or the knowledge that nobody is logged in). */
  ready: boolean;
  me: Me | null;
  principal: Principal;
  /** Set when the session ended by itself (refresh refused), so the login page can say so. */
  expired: boolean;
  /** How the last session ended: after a logout, pages do not ask to come back to themselves. */
  ended: "logout" | "expired" | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<Session | null>(null);

function toPrincipal(me: Me | null): Principal {
  if (!me) return ANONYMOUS;
  return { role: me.role as Role, actorId: me.actor_id ?? null, municipality: me.municipality ?? null, may: me.may ?? {} };
}

async function fetchMe(): Promise<Me | null> {
  if (!tokens.loggedIn) return null;
  const me = await unwrap(api.GET("/api/v1/me"));
  return me.role === "anonymous" ? null : me;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [ended, setEnded] = useState<"logout" | "expired" | null>(null);
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  const refreshMe = useCallback(async () => {
    try {
      setMe(await fetchMe());
    } catch {
      // Offline at start: keep whatever the tokens say; pages will show the network banner.
      setMe(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refreshMe();
    return tokens.subscribe((event) => {
      if (event === "expired") {
        setEnded("expired");
        setMe(null);
      } else if (event === "logout") {
        setEnded("logout");
        setMe(null);
      } else if (event === "login") {
        setEnded(null);
      } else if (event === "refresh" && !meRef.current) {
        // Another tab logged in: follow it.
        void refreshMe();
      }
    });
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    await tokens.login(email, password);
    setMe(await fetchMe());
  }, []);

  const logout = useCallback(async () => {
    await tokens.logout();
    setEnded("logout");
    setMe(null);
  }, []);

  const value = useMemo<Session>(
    () => ({ ready, me, principal: toPrincipal(me), expired: ended === "expired", ended, login, logout }),
    [ready, me, ended, login, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}
