import { Result } from 'antd';
import { t } from '@lifeline/shared';

/** Shown for a page the user may not open, or one that does not exist. */
export function Forbidden({ notFound = false }: { notFound?: boolean }) {
  return notFound ? (
    <Result status="404" title="404" subTitle={t('errors.NOT_FOUND')} />
  ) : (
    <Result status="403" title="403" subTitle={t('errors.FORBIDDEN')} />
  );
}
