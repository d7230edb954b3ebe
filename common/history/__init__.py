"""Who did what, when and why: one history for every record of the portal.

- `common.models.HistoryEntry` stores it: the record (a generic key), the action, who, when,
  the reason, and the changed fields as {field: [old, new]};
- `common.history.audit` writes it (`record`, `snapshot`, `changes_between`, `history_of`),
  called by the apps' services only;
- `common.history.types` names it: each app declares the types it writes in its AppConfig's
  `history_types()`, registered when the portal starts (CommonConfig.ready);
- `common.history.display` reads it back to the admin, the officers' portal and the public
  page (`history_rows`); each app registers how its models' values read.

Nothing here knows a model of the portal: the apps bring their own types and displays.
"""
