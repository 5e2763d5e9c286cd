import { useQuery } from '@tanstack/react-query';
import type { UnreadCount } from '@lifeline/shared';
import { api } from '../../api/client.ts';

/** Query keys of the notification centre; invalidating `NOTIFICATION_KEYS.all` refreshes list and badge. */
export const NOTIFICATION_KEYS = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (params: { page: number; unreadOnly: boolean }) => ['notifications', 'list', params] as const,
};

/** How often the header bell asks for the unread count, in milliseconds. */
export const UNREAD_POLL_MS = 60_000;

/**
 * The signed-in user's unread notification count (GET /api/notifications/unread-count), polled
 * every {@link UNREAD_POLL_MS} while the tab is visible and again whenever the window regains focus.
 * @returns the count, 0 until the first answer (and when it cannot be read)
 */
export function useUnreadCount(): number {
  const q = useQuery({
    queryKey: NOTIFICATION_KEYS.unread,
    queryFn: () => api<UnreadCount>('/api/notifications/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    retry: false,
  });
  return q.data?.unread ?? 0;
}
