import sys
import json
import click
from .article import read_article
from .extract import extract

@click.group()
def main():
    pass

@main.command("extract")
@click.argument("article")
@click.option("--format", "fmt", default="json")
def extract_command(article, fmt):
    records = extract(read_article(article))
    click.echo(records.to_json())
