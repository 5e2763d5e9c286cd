import type { Permission, Role } from '@lifeline/shared';

/** The authenticated user a request acts for. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  countyId: string;
  /** the bureau office (股室) of a county account, if any */
  officeId: string | null;
  townshipId: string | null;
  institutionId: string | null;
  mustChangePassword: boolean;
  permissions: ReadonlySet<Permission>;
}
