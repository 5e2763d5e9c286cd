import { Select } from 'antd';
import { useOrgTree } from './orgQueries.ts';

export interface TownshipSelectProps {
  value?: string;
  onChange: (townshipId: string | undefined) => void;
  placeholder: string;
  style?: React.CSSProperties;
}

/**
 * A searchable, clearable select of the townships in the user's scope (GET /api/org, cached).
 * Searching filters the loaded names locally, so an IME composition sends nothing.
 */
export function TownshipSelect({ value, onChange, placeholder, style }: TownshipSelectProps) {
  const org = useOrgTree();
  return (
    <Select
      allowClear
      placeholder={placeholder}
      value={value}
      loading={org.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={(org.data?.townships ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
      onChange={(v?: string) => onChange(v)}
      style={style}
      aria-label={placeholder}
    />
  );
}
