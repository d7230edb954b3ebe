"""Tools every app of the portal uses and that belong to none of them.

Nothing here knows about units, people, campaigns or money raised: text and number
formatting, strict parsing of ids and dates, periods of validity, Vietnamese phone numbers,
money in đồng, links to the portal, attachments, reading and writing spreadsheets, and
the officers' area's shell (common.officers), which the apps fill from their AppConfigs.
`common` imports no app of the portal; every app may import it.
"""
