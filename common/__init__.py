"""Tools every app of the portal uses and that belong to none of them.

Nothing here knows about units, people, campaigns or money raised: text and number
formatting, strict parsing of ids and dates, periods of validity, Vietnamese phone numbers,
money in đồng, links to the portal, attachments, reading and writing spreadsheets, the
history of records (`common.history`), the public page cache (`common.public_cache`), the
workflows' funnel (`common.workflows`) and the officers' area's shell (`common.officers`).
`common` imports no app of the portal; every app may import it, and brings its own history
types, history displays, public-cache hooks and officers' pages.
"""
