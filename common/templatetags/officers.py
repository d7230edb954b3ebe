from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def officers_panel(context, shown):
    """Render a panel's template inside the page, with the panel's own variables."""
    panel_template = context.template.engine.get_template(shown.panel.template)
    with context.push(panel=shown.panel, **shown.values):
        return panel_template.render(context)
