import type { ReactElement } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Result, Skeleton } from 'antd';
import { t } from '@lifeline/shared';
import { ApiError } from '../api/client.ts';
import { Forbidden } from './Forbidden.tsx';

/** Retry rule for a record page: never retry a 4xx (it will not change), retry once otherwise. */
export const retryUnlessClientError = (n: number, e: unknown) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && n < 1;

/**
 * What a record page shows before it has its record: a skeleton while loading; "not found" for a
 * 404 or a malformed id (a record outside the user's scope looks the same); the error with a retry
 * button otherwise. `null` once the data is there.
 */
export function detailState<T>(q: UseQueryResult<T, unknown>): ReactElement | null {
  if (q.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (q.isError) {
    const e = q.error;
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return <Forbidden notFound />;
    return <Result status="error" title={(e as Error).message} extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>} />;
  }
  return null;
}
