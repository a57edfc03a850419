/** Root as Compose's `user:` (and `docker run --user`) names it: the user `root` or UID 0, whatever the group: `root`, `0`, `0:0`, `root:staff`. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || /^0+$/.test(name);
}
