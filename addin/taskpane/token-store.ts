// Where the refresh token lives: localStorage, partitioned by Office.context.partitionKey as Office recommends
// (Excel on the web may share storage between add-in instances otherwise). Cleared at sign-out.
export interface TokenStore {
  load(): string | null;
  save(token: string): void;
  clear(): void;
}

const KEY = "lagesbild.refreshToken";

/** The linkage key for double reporting (handed out by the huvudman), kept on this device the same way. */
export const LINK_KEY = "lagesbild.linkKey";

export function createTokenStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, partitionKey?: string | null, name = KEY): TokenStore {
  const key = partitionKey ? `${partitionKey}${name}` : name;
  return {
    load: () => storage.getItem(key),
    save: (token) => storage.setItem(key, token),
    clear: () => storage.removeItem(key),
  };
}
