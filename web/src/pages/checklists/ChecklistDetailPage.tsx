import { Result } from 'antd';

/** Placeholder until this page is built. */
export default function Page() {
  return <Result status="info" title="…" />;
}
