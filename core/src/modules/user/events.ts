// Events the user module emits.
export const UserEvents = {
  created: 'user.created',
  updated: 'user.updated',
  deleted: 'user.deleted',
  invited: 'invite.created',
  inviteAccepted: 'invite.accepted',
} as const
