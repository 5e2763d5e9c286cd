import { Badge, Tag } from 'antd';
import { t, type InstitutionStatus, type InstitutionType, type Role } from '@lifeline/shared';

const TYPE_COLOR: Record<InstitutionType, string> = {
  elderly_care: 'volcano',
  child_welfare: 'cyan',
  relief_station: 'blue',
  funeral_service: 'purple',
  mental_health_welfare: 'geekblue',
};

/** An institution type (养老机构, 儿童福利机构…) as a coloured tag. */
export function InstitutionTypeTag({ type }: { type: InstitutionType }) {
  return (
    <Tag color={TYPE_COLOR[type]} style={{ marginInlineEnd: 0 }}>
      {t(`institutionType.${type}`)}
    </Tag>
  );
}

const STATUS_COLOR: Record<InstitutionStatus, string> = { operating: 'green', suspended: 'orange', closed: 'default' };

/** An institution's operating status: 运营中 green, 暂停运营 orange, 已关停 grey. */
export function InstitutionStatusTag({ status }: { status: InstitutionStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`institutionStatus.${status}`)}
    </Tag>
  );
}

const ROLE_COLOR: Record<Role, string> = {
  county_admin: 'red',
  county_staff: 'volcano',
  county_leader: 'gold',
  township_officer: 'blue',
  institution_officer: 'green',
};

/** A staff role (县局管理员, 乡镇民政办…) as a coloured tag. */
export function RoleTag({ role }: { role: Role }) {
  return (
    <Tag color={ROLE_COLOR[role]} style={{ marginInlineEnd: 0 }}>
      {t(`role.${role}`)}
    </Tag>
  );
}

/** 启用 (green dot) / 停用 (grey dot). */
export function ActiveBadge({ active }: { active: boolean }) {
  return <Badge status={active ? 'success' : 'default'} text={active ? t('admin.active.on') : t('admin.active.off')} />;
}
