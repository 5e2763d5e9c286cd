import { useMemo } from 'react';
import { Select, Typography } from 'antd';
import { t, type Institution } from '@lifeline/shared';
import { useSession } from '../api/session.tsx';
import { useInstitutions } from './orgQueries.ts';

export interface InstitutionPickerProps {
  value?: string;
  onChange?: (id: string | undefined, institution?: Institution) => void;
  /** only institutions of this township */
  townshipId?: string;
  allowClear?: boolean;
  placeholder?: string;
  size?: 'small' | 'middle' | 'large';
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

/**
 * Picks one institution in the user's scope (GET /api/institutions?all=true). Typing filters the
 * loaded list by name locally, so nothing is sent while a Chinese IME is composing. An institution
 * safety officer only ever sees their own institution, fixed.
 */
export function InstitutionPicker({ value, onChange, townshipId, allowClear, placeholder, size, style, id, ...rest }: InstitutionPickerProps) {
  const { me } = useSession();
  const fixed = me?.role === 'institution_officer';
  const q = useInstitutions(fixed ? undefined : townshipId);
  const showTownship = !fixed && me?.role !== 'township_officer' && !townshipId;

  const options = useMemo(() => {
    if (fixed && me?.institutionId) {
      return [{ value: me.institutionId, label: me.institutionName ?? '', township: '' }];
    }
    return (q.data ?? []).map((i) => ({ value: i.id, label: i.name, township: i.townshipName }));
  }, [fixed, me, q.data]);

  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={fixed ? (me?.institutionId ?? undefined) : value}
      disabled={fixed}
      size={size}
      style={{ width: '100%', ...style }}
      placeholder={placeholder ?? t('hazards.institution.placeholder')}
      allowClear={allowClear && !fixed}
      loading={q.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={q.isError ? t('hazards.institution.loadFailed') : t('hazards.institution.none')}
      options={options}
      optionRender={(o) => (
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span style={{ whiteSpace: 'normal' }}>{o.data.label}</span>
          {showTownship && o.data.township && (
            <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
              {o.data.township}
            </Typography.Text>
          )}
        </div>
      )}
      onChange={(v: string | undefined) => onChange?.(v, q.data?.find((i) => i.id === v))}
    />
  );
}
