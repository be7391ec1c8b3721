/** Wire types for the Confer API (/api/v1). Dates are ISO 8601 strings. */

export type AuthMode = 'embedded' | 'production';

export type AuthConfig = {
  mode: AuthMode;
  /** Server page that mints a dev token (embedded mode only), e.g. `/dev/sign-in`. */
  devSignInUrl: string | null;
  entra: { clientId: string; audience: string } | null;
};

export type StaffRole = 'admin' | 'staff';

export type Staff = {
  id: string;
  name: string;
  initials: string;
  email: string;
  role: StaffRole;
  active: boolean;
};

export type StaffSummary = Pick<Staff, 'id' | 'name' | 'initials'>;

export type Firm = {
  id: string;
  name: string;
  country: string;
};

export type Me = {
  staff: Staff;
  firm: Firm;
};

export type MatterStatus = 'open' | 'closed';

export type Matter = {
  id: string;
  number: string;
  title: string;
  status: MatterStatus;
  restricted: boolean;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ContactKind = 'client' | 'third_party';

export type Contact = {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  kind: ContactKind;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Page<T> = {
  items: T[];
  nextCursor: string | null;
};

export type ItemList<T> = {
  items: T[];
};

export type MatterAccess = {
  restricted: boolean;
  staff: StaffSummary[];
};

export type ListMattersQuery = {
  q?: string;
  status?: MatterStatus;
  before?: string;
  limit?: number;
};

export type ListContactsQuery = {
  q?: string;
  before?: string;
  limit?: number;
};

export type CreateMatterInput = {
  number: string;
  title: string;
};

export type UpdateMatterInput = Partial<CreateMatterInput>;

export type UpdateMatterAccessInput = {
  restricted: boolean;
  staffIds: string[];
};

export type CreateContactInput = {
  name: string;
  email?: string | null;
  mobile?: string | null;
  kind: ContactKind;
};

export type UpdateContactInput = Partial<CreateContactInput> & { active?: boolean };

export type CreateStaffInput = {
  name: string;
  email: string;
  role: StaffRole;
  initials?: string;
};

export type UpdateStaffInput = Partial<Pick<Staff, 'name' | 'initials' | 'email' | 'role' | 'active'>>;

/** One field-level validation error inside a problem document. */
export type ProblemFieldError = {
  location: string;
  field: string;
  message: string;
};

/** RFC 9457 problem document as returned by the API. */
export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
};
