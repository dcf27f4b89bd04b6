from django.urls import path

from accounts import request_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.SignupView.as_view(), name="signup"),
    path("signup/thanks/", views.SignupThanksView.as_view(), name="signup_thanks"),
    path("signup/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("signup/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("requests/", request_views.ProfessionRequestView.as_view(), name="request"),
    path(
        "requests/thanks/",
        request_views.ProfessionRequestThanksView.as_view(),
        name="request_thanks",
    ),
    path(
        "requests/delete/<str:token>/",
        request_views.ProfessionRequestDeleteView.as_view(),
        name="request_delete",
    ),
]
