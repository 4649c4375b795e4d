/** Vietnamese for the offline app shell (update banner). */
export const offline = {
  'offline.updateAvailable': 'Có phiên bản mới — tải lại',
}
