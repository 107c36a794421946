// The unread count the header's Inbox link shows, shared by the link and the notifications page.
export const unread = $state({ count: 0, signedIn: false });
