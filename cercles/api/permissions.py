"""The one DRF permission class: authenticated, then the object's abilities decide."""

from rest_framework import permissions


class AbilitiesPermission(permissions.BasePermission):
    """Views declare `ability_for_action = {"create": ..., "update": ...}`.

    Reading needs a logged-in user; object writes ask the model's abilities function
    (exposed by the view as `get_abilities(obj)`) for the ability named in
    `ability_for_action[action]`.
    """

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        action = getattr(view, "action", None)
        mapping = getattr(view, "ability_for_action", {})
        if request.method in permissions.SAFE_METHODS and action not in mapping:
            return True
        ability = mapping.get(action)
        if ability is None:
            return False
        return bool(view.get_abilities(obj).get(ability))
