// Each manifest format, on files shaped like real ones: names, comparison keys and the exact place of each name.
import { describe, expect, it } from 'vitest';
import { isManifestPath, normaliseName, readManifest, type Dependency } from '../../../server/src/core/manifests';

/** `name@line:col-col` of each dependency, 1-based line and 0-based columns as the core counts them. */
function at(text: string, deps: Dependency[]): string[] {
  const lines = text.split('\n');
  return deps.map((d) => {
    const written = lines[d.range.start.line - 1].slice(d.range.start.character, d.range.end.character);
    return `${d.key}@${d.range.start.line}:${written}`;
  });
}

describe('dependency manifests', () => {
  it('package.json: all four tables, the range inside the quotes', () => {
    const text = `{
  "name": "console",
  "version": "1.4.0",
  "scripts": { "build": "tsc -p ." },
  "dependencies": {
    "@tanstack/react-query": "^5.51.1",
    "Lodash": "4.17.21"
  },
  "devDependencies": {
    "typescript": "~5.5.4",
    "vitest": "^2.0.5"
  },
  "peerDependencies": { "react": ">=18" }
}
`;
    const deps = readManifest('console/package.json', text);
    expect(at(text, deps)).toEqual(['@tanstack/react-query@6:@tanstack/react-query', 'lodash@7:Lodash', 'typescript@10:typescript', 'vitest@11:vitest', 'react@13:react']);
    expect(deps[0]).toMatchObject({ ecosystem: 'npm', version: '^5.51.1' });
  });

  it('requirements.txt: PEP 508 names with extras, markers, comments, options and URLs skipped', () => {
    const text = [
      '# Airflow workers',
      '-r base.txt',
      '--index-url https://pypi.example.com/simple',
      'apache-airflow[postgres,amazon]==2.9.3',
      'great_expectations>=0.18,<0.19  # data quality',
      'Requests ; python_version >= "3.8"',
      'git+https://github.com/org/lib.git#egg=lib',
      '-e ./plugins',
      'pyarrow',
    ].join('\n');
    const deps = readManifest('airflow/requirements-dev.txt', text);
    expect(at(text, deps)).toEqual(['apache-airflow@4:apache-airflow', 'great-expectations@5:great_expectations', 'requests@6:Requests', 'pyarrow@9:pyarrow']);
    expect(deps[1].version).toBe('>=0.18,<0.19');
  });

  it('pyproject.toml: PEP 621 dependencies, optional dependencies and dependency groups', () => {
    const text = `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "serving-api"
version = "2.3.0"
dependencies = [
    "fastapi>=0.111",
    "SQLAlchemy[asyncio]~=2.0",
    "psycopg[binary]>=3.1",
]

[project.optional-dependencies]
ml = ["feast==0.38.0"]

[dependency-groups]
test = ["pytest>=8", "httpx"]
`;
    const deps = readManifest('serving/pyproject.toml', text);
    expect(at(text, deps)).toEqual(['fastapi@9:fastapi', 'sqlalchemy@10:SQLAlchemy', 'psycopg@11:psycopg', 'feast@15:feast', 'pytest@18:pytest', 'httpx@18:httpx']);
  });

  it('pyproject.toml: Poetry dependencies and groups, without python itself', () => {
    const text = `[tool.poetry]
name = "reverse-etl"
version = "0.4.0"

[tool.poetry.dependencies]
python = "^3.11"
snowflake-connector-python = { version = "^3.10", extras = ["pandas"] }
Great-Expectations = "0.18.12"

[tool.poetry.group.dev.dependencies]
ruff = "^0.5"
`;
    const deps = readManifest('pyproject.toml', text);
    expect(at(text, deps)).toEqual(['snowflake-connector-python@7:snowflake-connector-python', 'great-expectations@8:Great-Expectations', 'ruff@11:ruff']);
    expect(deps[0].version).toBe('^3.10');
  });

  it('go.mod: single requires and require blocks, indirect ones too', () => {
    const text = `module github.com/example/ingest

go 1.22

require github.com/segmentio/kafka-go v0.4.47

require (
	github.com/aws/aws-sdk-go-v2 v1.30.3
	golang.org/x/sync v0.7.0 // indirect
)

replace golang.org/x/sync => ../sync
`;
    expect(at(text, readManifest('go.mod', text))).toEqual([
      'github.com/segmentio/kafka-go@5:github.com/segmentio/kafka-go',
      'github.com/aws/aws-sdk-go-v2@8:github.com/aws/aws-sdk-go-v2',
      'golang.org/x/sync@9:golang.org/x/sync',
    ]);
  });

  it('pom.xml: dependencies and dependency management, on the artifactId', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>cdc-consumer</artifactId>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.confluent</groupId>
        <artifactId>kafka-avro-serializer</artifactId>
        <version>7.6.1</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-clients</artifactId>
      <version>3.7.0</version>
    </dependency>
  </dependencies>
</project>
`;
    const deps = readManifest('consumer/pom.xml', text);
    expect(at(text, deps).sort()).toEqual(['io.confluent:kafka-avro-serializer@10:kafka-avro-serializer', 'org.apache.kafka:kafka-clients@18:kafka-clients'].sort());
  });

  it('build.gradle and build.gradle.kts: string and map notation, comments skipped', () => {
    const groovy = `plugins { id 'java' }
dependencies {
    implementation 'org.apache.kafka:kafka-clients:3.7.0'
    testImplementation group: 'org.junit.jupiter', name: 'junit-jupiter', version: '5.10.2'
    // implementation 'com.old:gone:1.0'
}
`;
    expect(at(groovy, readManifest('build.gradle', groovy))).toEqual(['org.apache.kafka:kafka-clients@3:kafka-clients', 'org.junit.jupiter:junit-jupiter@4:junit-jupiter']);
    const kts = `dependencies {
    implementation(platform("software.amazon.awssdk:bom:2.25.60"))
    implementation("software.amazon.awssdk:sagemakerfeaturestoreruntime")
    api(libs.jackson.databind)
}
`;
    expect(at(kts, readManifest('app/build.gradle.kts', kts))).toEqual(['software.amazon.awssdk:bom@2:bom', 'software.amazon.awssdk:sagemakerfeaturestoreruntime@3:sagemakerfeaturestoreruntime']);
  });

  it('Cargo.toml: tables, renamed packages, dependency sub-tables and target tables', () => {
    const text = `[package]
name = "cdc-relay"
version = "0.1.0"

[dependencies]
tokio = { version = "1.38", features = ["full"] }
kafka = { package = "rdkafka", version = "0.36" }
serde_json = "1"

[dependencies.serde]
version = "1.0"

[target.'cfg(unix)'.dependencies]
nix = "0.29"
`;
    const deps = readManifest('Cargo.toml', text);
    expect(at(text, deps)).toEqual(['tokio@6:tokio', 'rdkafka@7:kafka', 'serde-json@8:serde_json', 'serde@10:serde', 'nix@14:nix']);
  });

  it('Chart.yaml dependencies, docker-compose images and Dockerfile FROM lines', () => {
    const chart = `apiVersion: v2
name: serving-api
version: 2.3.0
dependencies:
  - name: postgresql
    version: "15.5.x"
    repository: https://charts.bitnami.com/bitnami
  - name: "redis"
    version: 19.6.0
`;
    expect(at(chart, readManifest('deploy/helm/serving-api/Chart.yaml', chart))).toEqual(['postgresql@5:postgresql', 'redis@8:redis']);
    const compose = `services:
  warehouse:
    image: postgres:16-alpine
  feature-store:
    image: "docker.io/feastdev/feature-server:0.38.0"
  app:
    build: .
`;
    expect(at(compose, readManifest('docker-compose.yml', compose))).toEqual(['postgres@3:postgres:16-alpine', 'feastdev/feature-server@5:docker.io/feastdev/feature-server:0.38.0']);
    const dockerfile = `ARG PYTHON=3.11
FROM --platform=linux/amd64 python:\${PYTHON}-slim AS build
RUN pip install --no-cache-dir -r requirements.txt
FROM build AS test
FROM gcr.io/distroless/python3-debian12@sha256:abc
FROM scratch
`;
    const deps = readManifest('serving/Dockerfile', dockerfile);
    expect(at(dockerfile, deps)).toEqual(['python@2:python:${PYTHON}-slim', 'gcr.io/distroless/python3-debian12@5:gcr.io/distroless/python3-debian12@sha256:abc']);
    expect(deps[0].name).toBe('python:3.11-slim');
  });

  it('Terraform required_providers (object and shorthand) and dbt packages.yml', () => {
    const tf = `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    snowflake = {
      source = "Snowflake-Labs/snowflake" # the community provider
    }
    random = "~> 3.6"
  }
}

provider "aws" { region = "eu-west-1" }
`;
    expect(at(tf, readManifest('infra/versions.tf', tf))).toEqual(['hashicorp/aws@5:hashicorp/aws', 'snowflake-labs/snowflake@9:Snowflake-Labs/snowflake', 'hashicorp/random@11:random']);
    const packages = `packages:
  - package: dbt-labs/dbt_utils
    version: [">=1.1.0", "<2.0.0"]
  - git: "https://github.com/calogica/dbt-expectations.git"
    revision: 0.10.3
`;
    expect(at(packages, readManifest('dbt/packages.yml', packages))).toEqual([
      'dbt-labs/dbt_utils@2:dbt-labs/dbt_utils',
      'https://github.com/calogica/dbt-expectations.git@4:https://github.com/calogica/dbt-expectations.git',
    ]);
  });

  it('knows manifests by name and reads a broken one as declaring nothing', () => {
    for (const p of ['package.json', 'a/requirements.txt', 'requirements-dev.txt', 'pyproject.toml', 'go.mod', 'pom.xml', 'build.gradle.kts', 'Cargo.toml', 'Chart.yaml', 'Dockerfile', 'api.Dockerfile', 'compose.yaml', 'docker-compose.prod.yml', 'main.tf', 'dbt/packages.yml']) {
      expect(isManifestPath(p), p).toBe(true);
    }
    for (const p of ['node_modules/x/package.json', 'README.md', 'values.yaml', 'src/main.py']) expect(isManifestPath(p), p).toBe(false);
    for (const p of ['package.json', 'pyproject.toml', 'Cargo.toml', 'pom.xml', 'Chart.yaml']) expect(readManifest(p, '{[<<"')).toEqual([]);
  });

  it('compares names the way each ecosystem does', () => {
    expect(normaliseName('pypi', 'Great_Expectations')).toBe(normaliseName('pypi', 'great-expectations'));
    expect(normaliseName('pypi', 'zope.interface')).toBe('zope-interface');
    expect(normaliseName('cargo', 'serde_json')).toBe('serde-json');
    expect(normaliseName('docker', 'docker.io/library/postgres:16@sha256:00')).toBe('postgres');
    expect(normaliseName('docker', 'ghcr.io/org/app:1.2')).toBe('ghcr.io/org/app');
    expect(normaliseName('maven', 'org.Apache:Kafka')).toBe('org.Apache:Kafka');
  });
});
