// The unread count the header's bell shows, shared by the bell and the notifications page.
export const unread = $state({ count: 0, signedIn: false });
