from django.urls import path

from outlook import views

app_name = "outlook"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<int:year>/<slug:slug>/", views.OutlookDetailView.as_view(), name="detail"),
]
