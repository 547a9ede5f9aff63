//! Who may do what inside an organisation.
//!
//! Rules kept here (checked on the server for every request; hiding a button is not a
//! check):
//! - owner: everything, including members and settings;
//! - organiser: plans everything (venues, people, films, gatherings, agendas) and may
//!   download the whole organisation as an export;
//! - host: sees everything internal and runs the live view, but cannot delete;
//! - viewer: reads internal pages (run-sheets, call sheets) only.

use super::types::MemberRole;

/// Something a member may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReadInternal,
    RunLive,
    Plan,
    Delete,
    /// Download the whole organisation, internal details included.
    Export,
    ManageMembers,
}

impl MemberRole {
    /// Whether this role allows `p`.
    pub fn allows(self, p: Permission) -> bool {
        use MemberRole::*;
        use Permission::*;
        match p {
            ReadInternal => true,
            RunLive => matches!(self, Owner | Organiser | Host),
            Plan | Delete | Export => matches!(self, Owner | Organiser),
            ManageMembers => matches!(self, Owner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(MemberRole::Viewer, [true, false, false, false, false, false])]
    #[case(MemberRole::Host, [true, true, false, false, false, false])]
    #[case(MemberRole::Organiser, [true, true, true, true, true, false])]
    #[case(MemberRole::Owner, [true, true, true, true, true, true])]
    fn roles_allow_what_their_names_promise(#[case] role: MemberRole, #[case] expected: [bool; 6]) {
        use Permission::*;
        let got =
            [ReadInternal, RunLive, Plan, Delete, Export, ManageMembers].map(|p| role.allows(p));
        assert_eq!(got, expected);
    }
}
