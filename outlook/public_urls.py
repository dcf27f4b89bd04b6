from django.urls import path

from outlook import previews, views

app_name = "outlook"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("preview/<str:token>/", previews.shared_preview, name="preview"),
    path("<int:year>/<slug:slug>/", views.OutlookDetailView.as_view(), name="detail"),
]
