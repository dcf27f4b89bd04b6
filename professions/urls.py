from django.urls import path

from professions import views

app_name = "professions"

urlpatterns = [
    path("professions/", views.DirectoryView.as_view(), name="directory"),
    path("professions/<slug:slug>/", views.ProfessionDetailView.as_view(), name="detail"),
    path(
        "professions/<slug:slug>/compare/",
        views.YearCompareFormView.as_view(),
        name="compare_form",
    ),
    path(
        "professions/<slug:slug>/compare/<int:earlier>/<int:later>/",
        views.YearComparisonView.as_view(),
        name="compare",
    ),
    path("skills/", views.SkillListView.as_view(), name="skills"),
    path("skills/<slug:slug>/", views.SkillDetailView.as_view(), name="skill"),
]
