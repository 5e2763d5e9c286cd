import { useQuery } from '@tanstack/react-query';
import type { HazardLevel } from '@lifeline/shared';
import { api } from '../api/client.ts';

/** The bureau's default rectification periods when GET /api/settings cannot be read. */
export const FALLBACK_DEADLINE_DAYS: Record<HazardLevel, number> = { general: 30, major: 15 };

/**
 * Default rectification period in days per hazard level (setting `hazard.defaultDeadlineDays`,
 * GET /api/settings); falls back to 30 days general, 15 days major.
 */
export function useDeadlineDays(): Record<HazardLevel, number> {
  const q = useQuery({
    queryKey: ['settings'],
    queryFn: () => api<{ 'hazard.defaultDeadlineDays'?: Record<HazardLevel, number> }>('/api/settings'),
    staleTime: 10 * 60_000,
    retry: false,
  });
  return q.data?.['hazard.defaultDeadlineDays'] ?? FALLBACK_DEADLINE_DAYS;
}
