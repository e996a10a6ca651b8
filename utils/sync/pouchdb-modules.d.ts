// PouchDB's packages ship no types; team sync uses them through utils/sync/pouch.ts's interface only.
declare module 'pouchdb-core' {
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): unknown;
    plugin(plugin: unknown): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
