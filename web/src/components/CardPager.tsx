import { Pagination } from 'antd';

/** The simple pager under a phone card list; scrolls back to the top on a page change. */
export function CardPager({ page, pageSize, total, onChange }: { page: number; pageSize: number; total: number; onChange: (page: number) => void }) {
  return (
    <Pagination
      simple
      style={{ marginTop: 16, display: 'flex', justifyContent: 'center' }}
      current={page}
      pageSize={pageSize}
      total={total}
      onChange={(p) => {
        onChange(p);
        window.scrollTo({ top: 0 });
      }}
    />
  );
}
