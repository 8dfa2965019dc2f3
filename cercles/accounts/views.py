from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm, EmailAuthenticationForm
from .tokens import api_token_create, api_token_revoke


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=settings.OIDC_ENABLED, **kwargs)


def _render_profile(request, *, form=None, new_token=None, new_key=None, status=200):
    context = {
        "person": request.user,
        # Only the holder's own tokens: the page never lists anyone else's.
        "tokens": list(request.user.api_tokens.all()),
        "form": form or ApiTokenForm(),
        "new_token": new_token,
        "new_key": new_key,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request):
    return _render_profile(request)


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, form=form)
    token, raw = api_token_create(person=request.user, name=form.cleaned_data["name"])
    # Rendered, not redirected: the raw key must never sit in a session or a URL.
    return _render_profile(request, new_token=token, new_key=raw)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    name = token.name
    api_token_revoke(token=token)
    messages.success(request, _("Le jeton « %(name)s » a été révoqué.") % {"name": name})
    return redirect("accounts:profile")
