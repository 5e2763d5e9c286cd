import { useQuery } from '@tanstack/react-query';
import type { Institution, OrgTreeSchema } from '@lifeline/shared';
import { api, qs } from '../api/client.ts';

/** The answer of GET /api/org. */
export type OrgTree = ReturnType<typeof OrgTreeSchema.parse>;

/** GET /api/org: the county, its offices and the townships in the user's scope. */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: ['org'],
    queryFn: () => api<OrgTree>('/api/org'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/**
 * GET /api/institutions?all=true[&townshipId=]: every institution in scope, for pickers.
 * Accepts a page `{items}` or a bare array.
 */
export function useInstitutions(townshipId?: string, enabled = true) {
  return useQuery({
    queryKey: ['institutions', 'all', townshipId ?? null],
    queryFn: async () => {
      const r = await api<{ items: Institution[] } | Institution[]>(`/api/institutions${qs({ all: 'true', townshipId })}`);
      return Array.isArray(r) ? r : r.items;
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}
