import { PhoneOutlined } from '@ant-design/icons';
import { qs } from '../../api/client.ts';

/** The ledger of one institution's open hazards. */
export const openHazardsLink = (id: string) => `/hazards${qs({ institutionId: id, open: 'true' })}`;

/** A phone number that dials on tap. */
export function Tel({ phone }: { phone: string }) {
  if (!phone) return null;
  return (
    <a href={`tel:${phone.replace(/-/g, '')}`} onClick={(e) => e.stopPropagation()} className="ins-tel">
      <PhoneOutlined /> {phone}
    </a>
  );
}

/** 失能半失能占比 as `35%` (two decimals at most). */
export const pct = (v: number) => `${Number(v.toFixed(2))}%`;
