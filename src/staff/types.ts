/**
 * Who a staff member is once signed in. `staff` see one municipality's conversations, requests,
 * reports and audit log; `admin` see every municipality's.
 */
export const ROLES = ['staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type StaffUser =
  | { email: string; role: 'staff'; municipality: string }
  | { email: string; role: 'admin' };

/** An account as the accounts file holds it. */
export type StaffAccount = StaffUser & {
  /** "scrypt$N$r$p$salt$hash" (see password.ts); never the password itself. */
  passwordHash: string;
};

/** The municipality a user is limited to, or undefined for an admin. */
export function ownMunicipality(user: StaffUser): string | undefined {
  return user.role === 'staff' ? user.municipality : undefined;
}

/** E-mail addresses are compared in lower case, trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
