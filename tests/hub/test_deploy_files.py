"""The deployment files are well-formed and agree with each other (Kubernetes is not available here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_values_yaml_is_valid_and_mirrors_the_one_machine_settings() -> None:
    values = yaml.safe_load((DEPLOY / "kubernetes" / "values.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert single["extraEnv"]["KAMCOURSE_EXCHANGE_TRUST"] == "folder"
    assert single["extraEnv"]["KAMCOURSE_WORKBOOK"].startswith(single["storage"]["homeMountPath"])
    assert single["defaultUrl"].startswith("/git-pull?repo=") and "targetpath=kamcourse" in single["defaultUrl"]
    assert values["cull"]["enabled"] is True and values["cull"]["adminUsers"] is False
    config = (DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8")
    assert f'"KAMCOURSE_HUB_SERVER_IDLE", "{values["cull"]["timeout"] // 60}"' in config
    assert values["hub"]["config"]["KubeSpawner"]["poll_interval"] == int(
        re.search(r"c\.Spawner\.poll_interval = (\d+)", config).group(1)
    )  # type: ignore[union-attr]
    assert values["hub"]["config"]["JupyterHub"]["implicit_spawn_seconds"] == int(
        re.search(r"implicit_spawn_seconds = (\d+)", config).group(1)
    )  # type: ignore[union-attr]
    assert values["proxy"]["https"]["enabled"] is True
    assert "RosterAuthenticator" in values["hub"]["extraConfig"]["kamcourse"]


def test_kernel_culling_is_the_same_in_the_image_and_on_the_vm() -> None:
    server = json.loads((DEPLOY / "kubernetes" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    config = (DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8")
    minutes = int(re.search(r'"KAMCOURSE_HUB_KERNEL_IDLE", "(\d+)"', config).group(1))  # type: ignore[union-attr]
    assert server["MappingKernelManager"]["cull_idle_timeout"] == minutes * 60


def test_dockerfile_copies_files_that_exist() -> None:
    root = DEPLOY.parent
    for line in (DEPLOY / "kubernetes" / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (root / source).exists(), f"Dockerfile copies {source}, which does not exist"


def test_shipped_lab_settings_switch_the_news_off() -> None:
    settings = json.loads((DEPLOY / "lab-overrides.json").read_text(encoding="utf-8"))
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_the_hub_config_compiles() -> None:
    compile((DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8"), "jupyterhub_config.py", "exec")
