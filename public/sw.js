// Traqora's service worker: shows web push notifications (lib/notifications/push/sender.ts sends
// { id, title, body, link }) and opens the link when one is clicked.
self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = { title: 'Traqora', body: event.data ? event.data.text() : '' }; }
  event.waitUntil(self.registration.showNotification(data.title || 'Traqora', {
    body: data.body || '',
    tag: data.id ? `n${data.id}` : undefined,
    icon: '/favicon.svg',
    data: { link: data.link || '/notifications' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data && event.notification.data.link ? event.notification.data.link : '/notifications', self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((wins) => {
    const open = wins.find((w) => w.url === url);
    return open ? open.focus() : self.clients.openWindow(url);
  }));
});
