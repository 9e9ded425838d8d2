// The people every journey signs in as. The admin is created by `create-admin` when the server
// starts; the others are invited by the admin in accounts.setup.ts.
export interface Account {
  email: string;
  name: string;
  password: string;
  role: "admin" | "executive" | "participant";
}

export const ADMIN: Account = {
  email: "hana.hr@example.org",
  name: "Hana HR",
  password: "tidy lamp orbit 2026",
  role: "admin",
};

export const EXECUTIVE: Account = {
  email: "elif.exec@example.org",
  name: "Elif Exec",
  password: "quiet river stone 77",
  role: "executive",
};

export const PARTICIPANT: Account = {
  email: "ada.member@example.org",
  name: "Ada Member",
  password: "green kettle march 5",
  role: "participant",
};
