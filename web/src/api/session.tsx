import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@lifeline/shared';
import { api, ApiError } from './client.ts';

interface SessionValue {
  me: Me | null;
  loading: boolean;
  can: (p: Permission) => boolean;
  refresh: () => Promise<unknown>;
}

const SessionContext = createContext<SessionValue>({ me: null, loading: true, can: () => false, refresh: async () => undefined });

/** Loads the current user once and shares it; a 401 means "logged out". */
export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const me = q.data ?? null;
  const value: SessionValue = {
    me,
    loading: q.isLoading,
    can: (p) => !!me?.permissions.includes(p),
    refresh: () => qc.invalidateQueries({ queryKey: ['me'] }),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
