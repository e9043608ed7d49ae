// Where the refresh token lives: localStorage, partitioned by Office.context.partitionKey as Office recommends
// (Excel on the web may share storage between add-in instances otherwise). Cleared at sign-out.
export interface TokenStore {
  load(): string | null;
  save(token: string): void;
  clear(): void;
}

const KEY = "lagesbild.refreshToken";

export function createTokenStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, partitionKey?: string | null): TokenStore {
  const key = partitionKey ? `${partitionKey}${KEY}` : KEY;
  return {
    load: () => storage.getItem(key),
    save: (token) => storage.setItem(key, token),
    clear: () => storage.removeItem(key),
  };
}
